/** Braille dots, as ora and Ink spinners draw them: one frame per 80 ms of `now`. */
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;

/**
 * The spinner frame at `now`. Views take time as a prop and keep no timer:
 * the app re-renders on its own clock, and tests pass a fixed `now`.
 */
export function spinnerFrame(now: number): string {
  const i = Math.floor(Math.abs(now) / 80) % FRAMES.length;
  return FRAMES[i] ?? FRAMES[0];
}
