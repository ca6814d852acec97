// Accounts on the web: sign-up, e-mail verification, sign-in (password or SSO), password reset and the
// profile. Loaded lazily by the app's routes, so that the learner's first page does not carry it.
export { ForgotPasswordPage } from './forgot-password-page';
export { ProfilePage } from './profile-page';
export { ResetPasswordPage } from './reset-password-page';
export { SignInPage } from './sign-in-page';
export { SignUpPage } from './sign-up-page';
export { SsoLandingPage } from './sso-landing-page';
export { VerifyEmailPage } from './verify-email-page';
