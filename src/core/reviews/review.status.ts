import { z } from 'zod';

/** Where a review stands: draft → in_review → approved → published (reopen and request_changes lead back). */
export const ReviewStatus = z.enum(['draft', 'in_review', 'approved', 'published']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;
