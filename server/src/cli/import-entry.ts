/**
 * What the command line uses of the importer (server/src/import): `budget import`, and reading PDFs and
 * workbooks for `budget check` / `budget report` (readers.ts), and `--annotate`. Bundled apart as
 * dist/cli-import.js (the PDF reader is most of it), loaded only when a document is met.
 */
export { CommandError, IMPORT_USAGE, importCommand, sourceOf } from '../import/command';
export { importDocument } from '../import/importer';
export { ImportError } from '../import/source';
export { annotatePdf } from '../import/annotate';
