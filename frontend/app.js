// The console's behaviour: htmx with its websocket extension, and the live-connection indicator.
import htmx from "./htmx-global.js";
import "htmx-ext-ws";

// Let htmx swap 422 answers: invalid forms come back re-rendered with errors at the fields.
htmx.config.responseHandling = [
  { code: "204", swap: false },
  { code: "[23]..", swap: true },
  { code: "422", swap: true, error: false },
  { code: "[45]..", swap: false, error: true },
];

let wasConnected = false;

function setLiveState(state, text) {
  const badge = document.getElementById("live-state");
  if (!badge) return;
  badge.dataset.state = state;
  badge.textContent = text;
}

document.addEventListener("htmx:wsOpen", () => {
  setLiveState("live", "Live");
  // After a reconnect, refetch live fragments: messages sent while we were away are lost.
  if (wasConnected) htmx.trigger(document.body, "kairship:resync");
  wasConnected = true;
});
document.addEventListener("htmx:wsClose", () => setLiveState("reconnecting", "Reconnecting…"));
document.addEventListener("htmx:wsError", () => setLiveState("reconnecting", "Reconnecting…"));
document.addEventListener("DOMContentLoaded", () => {
  if (!document.getElementById("live-socket")) setLiveState("off", "Not live");
});
// A list-changed message swaps in a marker; refetch that list.
document.addEventListener("htmx:oobAfterSwap", (event) => {
  const group = event.detail.target?.dataset?.liveList;
  if (group) htmx.trigger(document.body, "kairship:list-changed", { group });
});
