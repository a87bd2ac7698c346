// The editor pages' bundle: the YAML editor and the form's refresh handling.
import "./yaml-editor.js";
import "./editor-form.js";
