// Text written by people (names, descriptions, reasons) goes into server-rendered pages only through this, so
// that markup in it shows as text and never runs.
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
