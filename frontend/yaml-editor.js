// Upgrade `<textarea data-yaml-editor>` into a CodeMirror YAML editor. The textarea stays the
// form value and fires input/change for htmx; the server's problems show at their lines.
import { EditorView, minimalSetup } from "codemirror";
import { indentWithTab } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { bracketMatching, indentOnInput } from "@codemirror/language";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { searchKeymap } from "@codemirror/search";
import { Annotation, EditorState } from "@codemirror/state";
import {
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";

const SELECTOR = "textarea[data-yaml-editor]";
const CHANGE_DELAY_MS = 400;
const DEFAULT_ROWS = 10;

/** Live editors by textarea, so swaps that remove their textarea can destroy them. */
const editors = new Map();
/** Marks edits that came from the textarea itself, which must not be echoed back as events. */
const fromTextarea = Annotation.define();

/**
 * Parse the problems JSON in `text` into an array; empty or missing text is no problems.
 * Malformed JSON is a page bug: it is reported on the console and treated as no problems.
 */
function parseProblems(text, origin) {
  if (!text || !text.trim()) return [];
  try {
    const problems = JSON.parse(text);
    if (Array.isArray(problems)) return problems;
  } catch {
    // Reported below.
  }
  console.warn(`yaml-editor: ${origin} is not a JSON array of problems`);
  return [];
}

/** The raw problems JSON of the textarea: its data-problems and its source element's text. */
function readProblemsJson(textarea) {
  const selector = textarea.dataset.problemsSource;
  const source = selector ? document.querySelector(selector) : null;
  return [textarea.dataset.problems ?? "", source?.textContent ?? ""];
}

/** Lint diagnostics for the problems that name a line, clamped to the document's lines. */
function diagnosticsFor(doc, [attributeJson, sourceJson]) {
  const problems = [
    ...parseProblems(attributeJson, "data-problems"),
    ...parseProblems(sourceJson, "data-problems-source"),
  ];
  return problems
    .filter((problem) => Number.isInteger(problem?.line))
    .map((problem) => {
      const line = doc.line(Math.min(Math.max(problem.line, 1), doc.lines));
      return {
        from: line.from,
        to: line.to,
        severity: problem.severity === "warning" ? "warning" : "error",
        message: String(problem.message ?? ""),
        ...(problem.field ? { source: String(problem.field) } : {}),
      };
    });
}

/** Fires `input` at once and `change` once typing settles (or on blur), as a native field would. */
function eventRelay(textarea) {
  let timer = null;
  let lastChanged = textarea.value;
  const fire = (type) => textarea.dispatchEvent(new Event(type, { bubbles: true }));
  const flushChange = () => {
    clearTimeout(timer);
    timer = null;
    if (textarea.value === lastChanged) return;
    lastChanged = textarea.value;
    fire("change");
  };
  return {
    edited() {
      fire("input");
      clearTimeout(timer);
      timer = setTimeout(flushChange, CHANGE_DELAY_MS);
    },
    blurred: flushChange,
    reset() {
      clearTimeout(timer);
      lastChanged = textarea.value;
    },
    cancel: () => clearTimeout(timer),
  };
}

/** Attributes for the editable area, carried over from the textarea and its label. */
function contentAttributes(textarea) {
  const attributes = { "aria-multiline": "true" };
  const label = textarea.labels?.[0]?.textContent.trim();
  if (label) attributes["aria-label"] = label;
  const describedBy = textarea.getAttribute("aria-describedby");
  if (describedBy) attributes["aria-describedby"] = describedBy;
  if (textarea.classList.contains("is-invalid")) attributes["aria-invalid"] = "true";
  return attributes;
}

/** The editor's extensions: YAML editing, problems gutter, and edits written back to `textarea`. */
function extensions(textarea, relay) {
  const readOnly = textarea.readOnly || textarea.disabled;
  return [
    minimalSetup,
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    bracketMatching(),
    indentOnInput(),
    yaml(),
    lintGutter(),
    // Tab indents; Esc then Tab leaves the editor (CodeMirror's tab focus mode).
    keymap.of([...searchKeymap, ...lintKeymap, indentWithTab]),
    EditorState.readOnly.of(readOnly),
    EditorView.editorAttributes.of({
      class: readOnly ? "ks-yaml-editor ks-yaml-editor-readonly" : "ks-yaml-editor",
    }),
    EditorView.contentAttributes.of(contentAttributes(textarea)),
    EditorView.updateListener.of((update) => {
      if (!update.docChanged) return;
      if (update.transactions.some((tr) => tr.annotation(fromTextarea))) return;
      textarea.value = update.state.doc.toString();
      if (textarea.dataset.yamlEditorInvalid !== undefined && textarea.validity.valid) {
        textarea.classList.remove("is-invalid");
        delete textarea.dataset.yamlEditorInvalid;
      }
      relay.edited();
    }),
    EditorView.domEventHandlers({ blur: () => relay.blurred() }),
  ];
}

/** Keep CodeMirror's own input events inside the editor: forms should see only the textarea's. */
function containNativeEvents(dom) {
  for (const type of ["beforeinput", "input", "change"]) {
    dom.addEventListener(type, (event) => event.stopPropagation());
  }
}

/**
 * Replace the editor's document with the textarea's current value (after a form reset), and
 * show the problems again: replacing the whole document dropped them.
 */
function reloadFromTextarea(editor) {
  const { view, textarea, relay } = editor;
  relay.reset();
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: textarea.value },
    annotations: fromTextarea.of(true),
  });
  editor.problemsKey = null;
  refreshProblems(editor);
}

/** Show the textarea's problems if their JSON changed since last shown. */
function refreshProblems(editor) {
  const json = readProblemsJson(editor.textarea);
  const key = JSON.stringify(json);
  if (key === editor.problemsKey) return;
  editor.problemsKey = key;
  const { view } = editor;
  view.dispatch(setDiagnostics(view.state, diagnosticsFor(view.state.doc, json)));
}

/**
 * The browser can't point at a hidden textarea that fails validation (say `required` and empty):
 * mark it `is-invalid` until an edit makes it valid, and move focus to the editor.
 */
function pointAtEditorWhenInvalid(textarea, view) {
  textarea.addEventListener("invalid", (event) => {
    event.preventDefault();
    if (!textarea.classList.contains("is-invalid")) {
      textarea.classList.add("is-invalid");
      textarea.dataset.yamlEditorInvalid = "";
    }
    view.focus();
  });
}

/** Upgrade one textarea: hide it, insert the editor after it and start relaying edits. */
function upgrade(textarea) {
  removeStaleEditor(textarea);
  textarea.dataset.yamlEditorReady = "";
  const relay = eventRelay(textarea);
  const view = new EditorView({
    state: EditorState.create({ doc: textarea.value, extensions: extensions(textarea, relay) }),
  });
  const rows = Number.parseInt(textarea.getAttribute("rows"), 10) || DEFAULT_ROWS;
  view.dom.style.setProperty("--ks-yaml-rows", String(rows));
  containNativeEvents(view.dom);
  pointAtEditorWhenInvalid(textarea, view);
  textarea.hidden = true;
  textarea.after(view.dom);

  const editor = { textarea, view, relay, labels: [...textarea.labels], problemsKey: null };
  editor.onReset = () => setTimeout(() => reloadFromTextarea(editor));
  editor.onLabelClick = (event) => {
    event.preventDefault();
    view.focus();
  };
  editor.form = textarea.form;
  editor.form?.addEventListener("reset", editor.onReset);
  for (const label of editor.labels) label.addEventListener("click", editor.onLabelClick);
  editors.set(textarea, editor);
  refreshProblems(editor);
}

/** Destroy the editors whose textarea a swap removed, and their leftover DOM. */
function pruneDetached() {
  for (const [textarea, editor] of editors) {
    if (textarea.isConnected) continue;
    editor.relay.cancel();
    editor.form?.removeEventListener("reset", editor.onReset);
    for (const label of editor.labels) label.removeEventListener("click", editor.onLabelClick);
    editor.view.destroy();
    editor.view.dom.remove();
    editors.delete(textarea);
  }
}

/**
 * Drop a dead editor left beside a textarea restored from htmx's history cache: the snapshot
 * holds the editor's markup and the ready mark, but no live view.
 */
function removeStaleEditor(textarea) {
  const next = textarea.nextElementSibling;
  const wasReady = textarea.hasAttribute("data-yaml-editor-ready");
  if (wasReady && next?.classList.contains("ks-yaml-editor")) next.remove();
}

/** Upgrade every YAML textarea in or at `root` that has no live editor yet. */
export function upgradeYamlEditors(root = document) {
  pruneDetached();
  const textareas = [...(root.querySelectorAll?.(SELECTOR) ?? [])];
  if (root.matches?.(SELECTOR)) textareas.unshift(root);
  for (const textarea of textareas) if (!editors.has(textarea)) upgrade(textarea);
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => upgradeYamlEditors());
} else {
  upgradeYamlEditors();
}
document.addEventListener("htmx:load", (event) => upgradeYamlEditors(event.target));
document.addEventListener("htmx:afterSettle", () => {
  pruneDetached();
  for (const editor of editors.values()) refreshProblems(editor);
});
