// `npm run docs:machine`: writes docs/booking-machine.md from the machine.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { bookingMachineDoc } from './booking-diagram';

writeFileSync(path.resolve(__dirname, '../../../../docs/booking-machine.md'), bookingMachineDoc());
