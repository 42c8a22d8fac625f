/** Folding ranges: every block (header line to the line before `}`) and runs of comment lines. */
import type { Analysis } from '../analyze';
import { LineIndex } from '../position';
import type { Stmt } from '../syntax';
import type { FoldingRange } from './types';

export function foldingRanges(a: Analysis, index = new LineIndex(a.text)): FoldingRange[] {
  const out: FoldingRange[] = [];
  const walk = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      if (!s.block) continue;
      const startLine = index.position(s.start).line;
      let endLine: number;
      if (s.block.close !== undefined) {
        const closeAt = s.block.close - 1;
        const p = index.position(closeAt);
        // Keep a `}` that starts its line visible; fold through it when it follows other text.
        const before = index.lineText(p.line).slice(0, p.character);
        endLine = before.trim() === '' ? p.line - 1 : p.line;
      } else endLine = index.position(a.text.length).line;
      if (endLine > startLine) out.push({ startLine, endLine });
      walk(s.block.stmts);
    }
  };
  walk(a.tidied.stmts);
  // Runs of lines holding only a comment.
  let run: { start: number; end: number } | undefined;
  const flush = (): void => {
    if (run && run.end > run.start) out.push({ startLine: run.start, endLine: run.end, kind: 'comment' });
    run = undefined;
  };
  for (const c of a.tree.comments) {
    const p = index.position(c.start);
    const own = index.lineText(p.line).slice(0, p.character).trim() === '';
    if (!own) {
      flush();
      continue;
    }
    if (run && p.line === run.end + 1) run.end = p.line;
    else {
      flush();
      run = { start: p.line, end: p.line };
    }
  }
  flush();
  return out.sort((x, y) => x.startLine - y.startLine || y.endLine - x.endLine);
}
