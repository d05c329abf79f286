/** True when the text holds a character a terminal would act on (C0 but newline, DEL, C1, bidi controls). */
export function hasTerminalControls(text: string, allowNewline = false): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 10 && allowNewline) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}
