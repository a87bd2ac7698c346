// Editor pages: drop a refresh answer the user has typed past, so no keystroke is lost.
//
// Each change in the form or the YAML posts the whole editor and the answer replaces the form.
// If the user typed on while that request was out, swapping its (older) answer in would undo
// what they typed; the change they are making will post again, so the stale answer is dropped.
let edits = 0;

document.addEventListener("input", (event) => {
  if (event.target.closest?.("#editor")) edits += 1;
});

document.addEventListener("htmx:beforeRequest", (event) => {
  if (event.detail.elt.closest?.("#editor")) event.detail.xhr.kairshipEdits = edits;
});

document.addEventListener("htmx:beforeSwap", (event) => {
  const sent = event.detail.xhr.kairshipEdits;
  const applying = event.detail.requestConfig?.elt?.name === "_action";
  if (sent !== undefined && !applying && sent !== edits) event.detail.shouldSwap = false;
});

// A row (or recipe) button's name and value must reach the server even when its request
// waits in the queue behind a change and the button itself is swapped away meanwhile: copy
// them into the form's own hidden inputs at the click (capturing, so before htmx sends), and
// empty those once a request has carried them.
const BUTTON_ACTIONS = ["_add", "_remove", "_recipe"];

document.addEventListener(
  "submit",
  (event) => {
    const button = event.submitter;
    if (event.target.id !== "editor" || !BUTTON_ACTIONS.includes(button?.name)) return;
    event.target.querySelector(`input[type=hidden][name="${button.name}"]`).value = button.value;
  },
  true,
);

document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.elt.id !== "editor") return;
  for (const input of event.detail.elt.querySelectorAll("input[data-row-action]")) input.value = "";
});

// A "More options" the user unfolded stays unfolded when the form is swapped: the server
// unfolds it only when it holds a value, so one opened to fill in would otherwise fold again
// under the user whenever an earlier change's answer arrives.
let unfolded = null;

document.addEventListener("htmx:beforeSwap", (event) => {
  if (!event.detail.shouldSwap || !event.detail.target?.closest?.("#editor-form")) return;
  const open = document.querySelectorAll("#editor-form details[data-more][open]");
  unfolded = new Set([...open].map((details) => details.dataset.more));
});

document.addEventListener("htmx:afterSwap", () => {
  if (!unfolded) return;
  for (const details of document.querySelectorAll("#editor-form details[data-more]")) {
    if (unfolded.has(details.dataset.more)) details.open = true;
  }
  unfolded = null;
});

// An edit page holds the edited object's live fragment in a hidden box: when its content
// fingerprint stops matching the one the editor opened, say so before the user applies.
function noticeChanges() {
  const current = document.querySelector("[data-editor-watch] [data-content]")?.dataset.content;
  const opened = document.querySelector('#editor input[name="_content"]')?.value;
  const banner = document.getElementById("editor-changed");
  if (banner && current && opened) banner.hidden = current === opened;
}

for (const type of ["htmx:oobAfterSwap", "htmx:afterSwap", "htmx:wsAfterMessage"]) {
  document.addEventListener(type, noticeChanges);
}
