import type { SESv2 } from '@aws-sdk/client-sesv2';

/**
 * Fault injected on purpose: SES refuses every mail to `address` for good (`MessageRejected`,
 * as for an address on the account's suppression list), until the returned function is called.
 */
export function rejectMailTo(client: SESv2, address: string): () => void {
  const name = `reject-${address}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Destination?: { ToAddresses?: string[] } };
      if (context.commandName === 'SendEmailCommand' && input.Destination?.ToAddresses?.includes(address)) {
        throw Object.assign(new Error('Address blacklisted (fault injected)'), { name: 'MessageRejected' });
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
  return () => {
    client.middlewareStack.remove(name);
  };
}
