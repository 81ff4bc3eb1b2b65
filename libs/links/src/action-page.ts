// The pages behind email links: the facts and one button per allowed action (GET), or the outcome (POST).
// No script: a page never submits itself, only a person's press does.
import Handlebars from 'handlebars';

/** A field of a form behind a link (the organizer's report): a number, or one choice of several. */
export interface FormField {
  name: string;
  label: string;
  kind: 'number' | 'choice';
  options?: { value: string; label: string; checked?: boolean }[];
  value?: string;
  hint?: string;
}

export interface ActionPage {
  title: string;
  intro: string;
  facts: { label: string; value: string }[];
  /** The form posts to `formAction`, with the pressed button's `name=value`. */
  formAction: string;
  buttons: { value: string; label: string; kind?: 'primary' | 'secondary' | 'danger' }[];
  note?: string;
  /** Fields to fill in before pressing, and what was wrong with a previous attempt. */
  fields?: FormField[];
  problems?: string[];
}

export interface OutcomePage {
  title: string;
  message: string;
  tone: 'success' | 'problem';
}

const layout = Handlebars.compile(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{title}} — CoCoMo</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #1d2733; }
  main { max-width: 36rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 12px;
         box-shadow: 0 1px 4px rgba(0,0,0,.08); }
  header { color: #2b6a4b; font-weight: 600; margin-bottom: 1rem; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
  dt { color: #5b6875; } dd { margin: 0; }
  form { display: flex; gap: .8rem; flex-wrap: wrap; margin-top: 1.5rem; }
  button { font: inherit; padding: .7rem 1.2rem; border-radius: 8px; border: 1px solid #2b6a4b; cursor: pointer; }
  .primary { background: #2b6a4b; color: #fff; } .secondary { background: #fff; color: #2b6a4b; }
  .danger { background: #fff; color: #a33; border-color: #a33; }
  .success h1 { color: #2b6a4b; } .problem h1 { color: #a33; }
  .note { color: #5b6875; font-size: .9rem; margin-top: 1.5rem; }
  .fields { display: grid; gap: .9rem; width: 100%; }
  .fields label { display: grid; gap: .25rem; } .fields input[type=number] { font: inherit; padding: .4rem; }
  fieldset { border: 1px solid #d5dbe1; border-radius: 8px; } .choice { display: inline-flex; gap: .3rem; margin-right: 1rem; }
  .problems { background: #fdecec; border-radius: 8px; padding: .5rem 1rem; color: #a33; }
</style>
</head>
<body>
<main class="{{tone}}">
<header>CoCoMo · Connected Communities</header>
{{{body}}}
</main>
</body>
</html>`);

const actionBody = Handlebars.compile(`<h1>{{title}}</h1>
<p>{{intro}}</p>
<dl>{{#each facts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/each}}</dl>
{{#if problems}}<div class="problems" role="alert"><p>Please check:</p><ul>{{#each problems}}<li>{{this}}</li>{{/each}}</ul></div>{{/if}}
<form method="post" action="{{formAction}}">
{{#if fields}}<div class="fields">{{#each fields}}{{#if options}}<fieldset><legend>{{label}}</legend>{{#if hint}}<p><small>{{hint}}</small></p>{{/if}}{{#each options}}<label class="choice"><input type="radio" name="{{../name}}" value="{{value}}"{{#if checked}} checked{{/if}}> {{label}}</label>{{/each}}</fieldset>{{else}}<label>{{label}}{{#if hint}} <small>{{hint}}</small>{{/if}}<input type="number" name="{{name}}" min="0" step="any" inputmode="decimal" value="{{value}}"></label>{{/if}}{{/each}}</div>{{/if}}
{{#each buttons}}<button type="submit" name="choice" value="{{value}}" class="{{#if kind}}{{kind}}{{else}}primary{{/if}}">{{label}}</button>{{/each}}
</form>
{{#if note}}<p class="note">{{note}}</p>{{/if}}`);

const outcomeBody = Handlebars.compile(`<h1>{{title}}</h1>
<p>{{message}}</p>`);

export function renderActionPage(page: ActionPage): string {
  return layout({ title: page.title, tone: '', body: actionBody(page) });
}

export function renderOutcomePage(page: OutcomePage): string {
  return layout({ title: page.title, tone: page.tone, body: outcomeBody(page) });
}

/** The page for a link that cannot act, with the 4xx status that goes with it. */
export function unusableLinkPage(state: 'used' | 'expired' | 'invalid' | 'overtaken'): {
  status: number;
  html: string;
} {
  const pages = {
    used: {
      status: 409,
      title: 'Already done',
      message: 'This link has been used already. Nothing more to do.',
    },
    expired: {
      status: 410,
      title: 'This link has expired',
      message: 'For your safety, links in our mails work for a limited time. Nothing was changed.',
    },
    invalid: {
      status: 400,
      title: 'This link is not valid',
      message:
        'The link may have been cut short or changed. Please open it again from the mail. Nothing was changed.',
    },
    overtaken: {
      status: 409,
      title: 'Things have moved on',
      message:
        'What this link was for has changed since the mail was sent, so it no longer applies. Nothing was changed.',
    },
  } as const;
  const page = pages[state];
  return {
    status: page.status,
    html: renderOutcomePage({ title: page.title, message: page.message, tone: 'problem' }),
  };
}
