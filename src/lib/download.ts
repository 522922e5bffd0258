/** Saves a Blob through a temporary <a download> object URL. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers start reading the URL after click() returns; revoke a little later.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves text as a file (UTF-8). */
export function downloadText(text: string, fileName: string, mimeType = 'application/json'): void {
  downloadBlob(new Blob([text], { type: `${mimeType};charset=utf-8` }), fileName);
}
