import type { Pdf } from './render-pdf';
import { PDF_FONT, PDF_INK } from './fonts';

export interface FlowingTextStyle {
  font?: string;
  size?: number;
  color?: string;
  /** Points of space after the text. */
  gap?: number;
}

/** One paragraph at the cursor, across the column, and the cursor moved below it. */
export function writeFlowingText(
  doc: Pdf,
  column: { left: number; width: number },
  text: string,
  style: FlowingTextStyle = {},
): void {
  doc
    .font(style.font ?? PDF_FONT.regular)
    .fontSize(style.size ?? 10)
    .fillColor(style.color ?? PDF_INK)
    .text(text, column.left, doc.y, { width: column.width, lineGap: 1.5 });
  if (style.gap) doc.y += style.gap;
}
