/**
 * A template writes its letter as plain text with three marks (docs/letters.md, "Writing a
 * template"): `# ` the title, `## ` a heading, `- ` a list item; a blank line ends a paragraph,
 * and the lines of a paragraph stay lines (an address). The same blocks become the plain text,
 * the printable page and the PDF, so the three always say the same thing.
 */
export type LetterBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'list'; items: string[] };

export function letterBlocks(rendered: string): LetterBlock[] {
  const blocks: LetterBlock[] = [];
  let open: LetterBlock | null = null;
  const close = () => {
    if (open) blocks.push(open);
    open = null;
  };
  for (const raw of rendered.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') {
      close();
    } else if (line.startsWith('## ')) {
      close();
      blocks.push({ kind: 'heading', text: line.slice(3).trim() });
    } else if (line.startsWith('# ')) {
      close();
      blocks.push({ kind: 'title', text: line.slice(2).trim() });
    } else if (line.startsWith('- ')) {
      const current: LetterBlock | null = open;
      if (current?.kind !== 'list') close();
      if (open === null) open = { kind: 'list', items: [] };
      (open as Extract<LetterBlock, { kind: 'list' }>).items.push(line.slice(2).trim());
    } else {
      const current: LetterBlock | null = open;
      if (current?.kind !== 'paragraph') close();
      if (open === null) open = { kind: 'paragraph', lines: [] };
      (open as Extract<LetterBlock, { kind: 'paragraph' }>).lines.push(line);
    }
  }
  close();
  return blocks;
}

/** The letter's title: its first `# ` line. */
export function letterTitle(blocks: readonly LetterBlock[]): string {
  const title = blocks.find((b) => b.kind === 'title');
  return title?.kind === 'title' ? title.text : 'Letter';
}
