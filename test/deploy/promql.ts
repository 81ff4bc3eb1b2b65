// The series a PromQL expression selects, read with Prometheus's own grammar (@prometheus-io/lezer-promql):
// each vector selector's metric name and its label matchers.
import { parser } from '@prometheus-io/lezer-promql';

export interface Selector {
  metric: string;
  matchers: { label: string; op: string; value: string }[];
}

/** The selectors of `expression`; throws naming the place when it is not valid PromQL. */
export function selectorsOf(expression: string): Selector[] {
  const tree = parser.parse(expression);
  const selectors: Selector[] = [];
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) {
        throw new Error(`not valid PromQL at ${node.from}: ${expression.slice(node.from, node.from + 30)}`);
      }
      if (node.name !== 'VectorSelector') return;
      const selector: Selector = { metric: '', matchers: [] };
      const identifier = node.node.getChild('Identifier');
      if (identifier) selector.metric = expression.slice(identifier.from, identifier.to);
      for (const matcher of node.node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []) {
        const part = (name: string) => {
          const child = matcher.getChild(name);
          return child ? expression.slice(child.from, child.to) : '';
        };
        selector.matchers.push({
          label: part('LabelName'),
          op: part('MatchOp'),
          value: JSON.parse(part('StringLiteral')),
        });
      }
      selectors.push(selector);
    },
  });
  return selectors;
}
