/**
 * The binder: gives the generic syntax tree its meaning. It walks the statements with the context of the
 * enclosing block, recognises keywords by position, builds the model and reports every statement that does
 * not have the expected shape (with what was expected and what was found). It never throws; a statement it
 * cannot read is reported and skipped, and everything else is still bound.
 */
export { BIND_CODES, Binder, type BindCode, type Defaults } from './binder';
export { bind, bindUnit, declaredMoneyUnit, isMoneyUnitStmt } from './document';
export { isTidied, parsedOf, tidy, TIDY_CODES, withStatements, type Tidied } from './tidy';
