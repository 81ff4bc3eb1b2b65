// Opaque cursors for keyset pagination: the sort key and id of the last item of the previous page.
export interface SearchCursor {
  key: number | string;
  id: string;
}

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): SearchCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [key, id] = value;
    if ((typeof key !== 'number' && typeof key !== 'string') || typeof id !== 'string') return undefined;
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    return { key, id };
  } catch {
    return undefined;
  }
}
