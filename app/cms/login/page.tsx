import type { Metadata } from 'next';
import { takeFlash } from '@/lib/cms/flash';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

// Blocking (no <Suspense>): the form must work without JavaScript.
export const instant = false;

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const flash = await takeFlash('sign-in');
  return (
    <main>
      <h1>Sign in to the CMS</h1>
      <LoginForm next={typeof next === 'string' ? next : undefined} initial={flash} />
    </main>
  );
}
