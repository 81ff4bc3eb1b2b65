// `npm run docs:machine`: writes the machine's diagram into docs/booking-machine.md and README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bookingMachineDoc, readmeWithDiagram } from './booking-diagram';

const root = path.resolve(__dirname, '../../../..');
writeFileSync(path.join(root, 'docs/booking-machine.md'), bookingMachineDoc());
const readme = path.join(root, 'README.md');
writeFileSync(readme, readmeWithDiagram(readFileSync(readme, 'utf8')));
