/**
 * The JQL subset the mock's jira_search_issues understands:
 *   clause (AND clause)* [ORDER BY field [ASC|DESC] (, field [ASC|DESC])*]
 *   clause := field (= | != | ~) value | field [NOT] IN (value, …) | field IS [NOT] EMPTY
 *   fields: project, status, assignee, reporter, issuetype, labels, text, summary, description
 *   values: "quoted", bare words, currentUser()
 * OR, parentheses around clauses and functions other than currentUser() are refused with
 * "Error in the JQL Query: …", like Jira, instead of being guessed.
 */
export type JqlField = 'project' | 'status' | 'assignee' | 'reporter' | 'issuetype' | 'labels' | 'text' | 'summary' | 'description';
export type JqlValue = { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'currentUser' };

export type JqlClause =
  | { readonly field: JqlField; readonly op: '=' | '!=' | '~'; readonly value: JqlValue }
  | { readonly field: JqlField; readonly op: 'in' | 'not in'; readonly values: readonly JqlValue[] }
  | { readonly field: JqlField; readonly op: 'is empty' | 'is not empty' };

export interface JqlOrder {
  readonly field: 'created' | 'updated' | 'key' | 'priority';
  readonly direction: 'asc' | 'desc';
}

export interface JqlQuery {
  readonly clauses: readonly JqlClause[];
  readonly orderBy: readonly JqlOrder[];
}

export class JqlError extends Error {
  override readonly name = 'JqlError';
  constructor(detail: string) {
    super(`Error in the JQL Query: ${detail}`);
  }
}

const FIELDS: readonly JqlField[] = ['project', 'status', 'assignee', 'reporter', 'issuetype', 'labels', 'text', 'summary', 'description'];
const TEXT_FIELDS: readonly JqlField[] = ['text', 'summary', 'description'];
const ORDER_FIELDS = ['created', 'updated', 'key', 'priority'] as const;

interface Token {
  readonly text: string;
  readonly quoted: boolean;
  readonly at: number;
}

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const ch = jql[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"' || ch === "'") {
      const end = jql.indexOf(ch, i + 1);
      if (end < 0) throw new JqlError(`the quoted string starting at character ${i + 1} is not closed`);
      tokens.push({ text: jql.slice(i + 1, end), quoted: true, at: i + 1 });
      i = end + 1;
    } else if (jql.startsWith('!=', i)) {
      tokens.push({ text: '!=', quoted: false, at: i + 1 });
      i += 2;
    } else if ('=~(),'.includes(ch)) {
      tokens.push({ text: ch, quoted: false, at: i + 1 });
      i++;
    } else {
      const match = /^[^\s=~(),!"']+(\(\))?/.exec(jql.slice(i));
      if (!match) throw new JqlError(`the character '${ch}' at position ${i + 1} is not allowed here`);
      tokens.push({ text: match[0], quoted: false, at: i + 1 });
      i += match[0].length;
    }
  }
  return tokens;
}

class Parser {
  readonly #tokens: Token[];
  #pos = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#pos];
  }

  #next(expected: string): Token {
    const token = this.#tokens[this.#pos++];
    if (!token) throw new JqlError(`expected ${expected} but the query ended`);
    return token;
  }

  #keyword(token: Token | undefined, word: string): boolean {
    return token !== undefined && !token.quoted && token.text.toLowerCase() === word;
  }

  #value(): JqlValue {
    const token = this.#next('a value');
    if (!token.quoted && token.text.toLowerCase() === 'currentuser()') return { kind: 'currentUser' };
    if (!token.quoted && (/\(\)$/.test(token.text) || '=~(),!='.includes(token.text))) throw new JqlError(`'${token.text}' at character ${token.at} is not a supported value`);
    return { kind: 'literal', text: token.text };
  }

  #clause(): JqlClause {
    const fieldToken = this.#next('a field');
    if (fieldToken.text === '(') throw new JqlError('parentheses around clauses are not supported by this server');
    const field = fieldToken.text.toLowerCase() as JqlField;
    if (fieldToken.quoted || !FIELDS.includes(field)) throw new JqlError(`Field '${fieldToken.text}' does not exist or you do not have permission to view it.`);
    const op = this.#next('an operator');
    const opText = op.quoted ? '' : op.text.toLowerCase();
    if (opText === '=' || opText === '!=' || opText === '~') {
      if ((opText === '~') !== TEXT_FIELDS.includes(field)) {
        throw new JqlError(`The operator '${op.text}' is not supported by the '${field}' field.`);
      }
      return { field, op: opText, value: this.#value() };
    }
    if (opText === 'is') {
      const negated = this.#keyword(this.#peek(), 'not');
      if (negated) this.#pos++;
      const empty = this.#next('EMPTY');
      if (!this.#keyword(empty, 'empty') && !this.#keyword(empty, 'null')) throw new JqlError(`expected EMPTY at character ${empty.at}`);
      return { field, op: negated ? 'is not empty' : 'is empty' };
    }
    if (opText === 'in' || opText === 'not') {
      if (opText === 'not' && !this.#keyword(this.#next('IN'), 'in')) throw new JqlError(`expected IN after NOT at character ${op.at}`);
      if (this.#next("'('").text !== '(') throw new JqlError(`expected '(' after IN at character ${op.at}`);
      const values: JqlValue[] = [this.#value()];
      for (;;) {
        const sep = this.#next("')'");
        if (sep.text === ')') break;
        if (sep.text !== ',') throw new JqlError(`expected ',' or ')' at character ${sep.at}`);
        values.push(this.#value());
      }
      return { field, op: opText === 'in' ? 'in' : 'not in', values };
    }
    throw new JqlError(`the operator '${op.text}' at character ${op.at} is not supported`);
  }

  #orderBy(): JqlOrder[] {
    const out: JqlOrder[] = [];
    for (;;) {
      const token = this.#next('a field to order by');
      const field = token.text.toLowerCase();
      if (!(ORDER_FIELDS as readonly string[]).includes(field)) throw new JqlError(`ordering by '${token.text}' is not supported`);
      let direction: 'asc' | 'desc' = 'asc';
      if (this.#keyword(this.#peek(), 'asc') || this.#keyword(this.#peek(), 'desc')) direction = this.#next('ASC').text.toLowerCase() as 'asc' | 'desc';
      out.push({ field: field as JqlOrder['field'], direction });
      if (this.#peek()?.text !== ',') return out;
      this.#pos++;
    }
  }

  parse(): JqlQuery {
    const clauses: JqlClause[] = [];
    let orderBy: JqlOrder[] = [];
    if (this.#peek() && !this.#keyword(this.#peek(), 'order')) {
      clauses.push(this.#clause());
      while (this.#keyword(this.#peek(), 'and')) {
        this.#pos++;
        clauses.push(this.#clause());
      }
    }
    const rest = this.#peek();
    if (this.#keyword(rest, 'or')) throw new JqlError('OR is not supported by this server; combine clauses with AND');
    if (this.#keyword(rest, 'order')) {
      this.#pos++;
      if (!this.#keyword(this.#next('BY'), 'by')) throw new JqlError(`expected BY after ORDER at character ${rest!.at}`);
      orderBy = this.#orderBy();
    }
    const extra = this.#peek();
    if (extra) throw new JqlError(`unexpected '${extra.text}' at character ${extra.at}`);
    return { clauses, orderBy };
  }
}

export function parseJql(jql: string): JqlQuery {
  return new Parser(tokenize(jql)).parse();
}
