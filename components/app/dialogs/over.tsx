import { Box } from 'ink';
import type { ReactNode } from 'react';

export interface OverProps {
  /** The frame it is drawn over, cells and rows. */
  readonly frameWidth: number;
  readonly frameHeight: number;
  /** The dialog's size; cut to the frame. */
  readonly width: number;
  readonly height: number;
  readonly children?: ReactNode;
}

/**
 * Draws `children` centred over whatever the frame shows (the last child
 * of the frame's Box, absolutely placed, so Ink draws it after the panes
 * and over them). It never makes the frame bigger.
 */
export function Over({ frameWidth, frameHeight, width, height, children }: OverProps): ReactNode {
  const w = Math.max(0, Math.min(width, frameWidth));
  const h = Math.max(0, Math.min(height, frameHeight));
  return (
    <Box position="absolute" marginLeft={Math.floor((frameWidth - w) / 2)} marginTop={Math.floor((frameHeight - h) / 2)} width={w} height={h} overflowY="hidden">
      {children}
    </Box>
  );
}
