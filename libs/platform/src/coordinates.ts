// A point on the earth as the services accept it: latitude and longitude in degrees, within range, rounded
// to seven decimals (about a centimetre), since finer values (5e-324) underflow PostgreSQL's earth maths.
import { z } from 'zod';

export const toCentimetres = (degrees: number) => Math.round(degrees * 1e7) / 1e7 || 0;

export const latitude = z
  .number()
  .min(-90, 'must be between -90 and 90')
  .max(90, 'must be between -90 and 90')
  .transform(toCentimetres);

export const longitude = z
  .number()
  .min(-180, 'must be between -180 and 180')
  .max(180, 'must be between -180 and 180')
  .transform(toCentimetres);
