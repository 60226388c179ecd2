// The same package through `require` (index.d.cts): types resolve there too.
import { createClient, ValidationError, type Memo } from '@notabene/sdk';

export async function title(url: string): Promise<string | null> {
  const memo: Memo | null = await createClient({ url }).memos.get({ reference: '4700831' });
  const isError: boolean = new Error() instanceof ValidationError;
  void isError;
  return memo?.title ?? null;
}
