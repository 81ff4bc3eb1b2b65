// The grid the map counts spaces on: its levels, shared by the migration that builds the grid's table and
// triggers and by the statement that reads it (a plain module, so that reading it loads no migration code).

/** The coarsest to the finest level the grid keeps counts for: cells of 360° / 2^level, down to about 10 km. */
export const MAP_CELL_LEVELS = 12;
