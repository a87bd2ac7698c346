// htmx extensions register themselves on the global `htmx`, so expose it before they load.
import htmx from "htmx.org";

window.htmx = htmx;
export default htmx;
