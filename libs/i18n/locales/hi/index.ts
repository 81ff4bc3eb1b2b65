// The hi catalogue: one file per namespace, every message in ICU MessageFormat (docs/translating.md).
import bookings from './bookings.json';
import directory from './directory.json';
import mails from './mails.json';
import operators from './operators.json';
import pages from './pages.json';
import problems from './problems.json';

export default { mails, pages, directory, bookings, operators, problems };
