"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { type SignInInput, signInSchema } from "@/lib/auth/schemas";
import { signInAction } from "./actions";

export function SignInForm({ next }: { next: string }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { username: "", password: "" },
  });

  const onSubmit = handleSubmit((values) => {
    setMessage(null);
    startTransition(async () => {
      // On success the action redirects; a returned value is always a failure.
      const result = await signInAction({ ...values, next });
      setMessage(result.message);
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby="sign-in-message">
      <div className="flex flex-col gap-1">
        <label htmlFor="username" className="font-medium">
          Username
        </label>
        <input
          id="username"
          className="field"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={errors.username ? true : undefined}
          aria-describedby={errors.username ? "username-error" : undefined}
          {...register("username")}
        />
        {errors.username && (
          <p id="username-error" className="text-sm text-red-800">
            {errors.username.message}
          </p>
        )}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="password" className="font-medium">
          Password
        </label>
        <input
          id="password"
          type="password"
          className="field"
          autoComplete="current-password"
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "password-error" : undefined}
          {...register("password")}
        />
        {errors.password && (
          <p id="password-error" className="text-sm text-red-800">
            {errors.password.message}
          </p>
        )}
      </div>
      <div id="sign-in-message" role="alert" aria-live="assertive" className="min-h-6 text-red-800">
        {message}
      </div>
      <button type="submit" className="button-primary w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
