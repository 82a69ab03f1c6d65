// Signing in to a backend (the screen before the frame).
import './strings.ts';

export { SignInScreen } from './SignInScreen.tsx';
export { refusalOnForm, validateSignIn } from './validate.ts';
