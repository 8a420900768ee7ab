import { z } from 'zod';
import { textField } from '../../platform/http/forms.ts';

export const usernameField = textField('Username', { max: 40, required: true }).regex(/^[A-Za-z0-9_]{3,40}$/, {
  message: 'Username must be 3 to 40 letters, numbers or underscores.',
});

export const emailField = textField('Email', { max: 254, required: true }).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, {
  message: 'Email must look like name@example.org.',
});

export const passwordField = z
  .string({ message: 'Password must be text.' })
  .min(8, { message: 'Password must be at least 8 characters.' })
  .max(200, { message: 'Password must be at most 200 characters.' });

export const signupSchema = z
  .object({
    username: usernameField,
    email: emailField,
    password: passwordField,
    password_confirmation: z.string({ message: 'Confirm your password.' }),
  })
  .refine((form) => form.password === form.password_confirmation, {
    path: ['password_confirmation'],
    message: "The two passwords don't match.",
  });

export const loginSchema = z.object({
  login: textField('Username or email', { max: 254, required: true }),
  password: z.string({ message: 'Password must be text.' }).min(1, { message: "Password can't be blank." }).max(200, { message: 'Password must be at most 200 characters.' }),
  return_to: z.string().optional(),
});

/** Only local paths are followed after log-in, so a link can't bounce a reader to another site. */
export function safeReturnPath(value: string | undefined): string {
  return value && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}
