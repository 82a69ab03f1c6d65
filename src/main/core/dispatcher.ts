// Generic over the bridge map: validates the call name and its input with the contract, runs the handler and turns
// every outcome into a Result. Nothing that arrives from a window reaches a handler unchecked.
import {
  type BridgeCalls,
  bridgeCalls,
  type CallName,
  type CallOutput,
  type CallParsedInput,
  isCallName,
} from '../../shared/bridge.ts';
import { AppError, errorFromZod, toErrorInfo } from '../../shared/errors.ts';
import { inspectInput } from '../../shared/inputGuard.ts';
import { err, ok, type Result } from '../../shared/result.ts';

export type CallHandler<K extends CallName> = (input: CallParsedInput<K>) => Promise<CallOutput<K>> | CallOutput<K>;
export type CallHandlers = { [K in CallName]: CallHandler<K> };

export interface Dispatcher {
  dispatch(name: string, input: unknown): Promise<Result<unknown>>;
}

export function createDispatcher(
  handlers: Partial<CallHandlers>,
  options: { validateOutput?: boolean; onError?: (name: string, error: unknown) => void } = {},
): Dispatcher {
  return {
    async dispatch(name, input) {
      if (!isCallName(name)) {
        const call = String(name).slice(0, 100);
        return err({
          code: 'bad_request',
          message: `Unknown bridge call: ${call}`,
          fields: { name: 'is not a bridge call' },
        });
      }
      const spec = bridgeCalls[name] as BridgeCalls[CallName];
      // Bounded nesting and key count, no NUL or lone surrogate, before the (strict) schema: named like it.
      const problem = inspectInput(input);
      if (problem) {
        const field = problem.path || name;
        return err({
          code: 'bad_request',
          message: `Invalid ${name}: ${field} ${problem.reason}`,
          fields: { [field]: problem.reason },
        });
      }
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) return err(errorFromZod(parsed.error, name).toInfo());
      // Checked first, so a bad input is refused the same way whether or not this side answers the call.
      const handler = handlers[name] as CallHandler<typeof name> | undefined;
      if (!handler) return err({ code: 'not_implemented', message: `The call ${name} is not available here` });
      try {
        const value = await handler(parsed.data as never);
        if (options.validateOutput) {
          const checked = spec.output.safeParse(value);
          if (!checked.success) {
            throw new AppError('internal', `The core answered ${name} outside its contract: ${checked.error.message}`);
          }
        }
        return ok(value);
      } catch (error) {
        if (!(error instanceof AppError)) options.onError?.(name, error);
        return err(toErrorInfo(error));
      }
    },
  };
}
