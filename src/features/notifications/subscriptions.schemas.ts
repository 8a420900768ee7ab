import { z } from 'zod';

const targetFields = {
  target_type: z.enum(['work', 'user', 'series'], { message: 'Choose what to subscribe to.' }),
  target_id: z.string().regex(/^\d{1,15}$/, { message: 'Choose what to subscribe to.' }).transform(Number),
  /** Where to go afterwards: the thing's page (the button) or the subscriptions page. */
  return_to: z.enum(['target', 'subscriptions']).default('target'),
};

export const subscriptionFormSchema = z.object(targetFields);
export type SubscriptionForm = z.infer<typeof subscriptionFormSchema>;

export const emailModeSchema = z.object({
  mode: z.enum(['immediate', 'digest', 'off'], { message: 'Choose how you want notice emails.' }),
});
