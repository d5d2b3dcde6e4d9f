/** Epoch milliseconds; node-postgres is told to parse int8 as number. */
export type Ms = number;
export type MsNullable = Ms | null;
