/** The editor features of the language, free of any protocol: analysis + offsets in, plain data out. */
export { catalogTree, type CatalogTreeResult } from './catalogTree';
export { codeActions, applyEdits, fixAllEdits, fixAllText } from './codeActions';
export { unitAmounts } from '../walk';
export { complete } from './completion';
export { foldingRanges } from './folding';
export { format } from './format';
export { hover } from './hover';
export { inlayHints } from './inlayHints';
export { definition, highlights, prepareRename, references, rename } from './navigation';
export { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, semanticTokens } from './semanticTokens';
export { documentSymbols, symbolMatches, workspaceSymbols } from './symbols';
export * from './types';
