import { createServer } from 'node:http';

/** Quota records by quota code, in the shape GetServiceQuota returns (`Quota`). */
export type QuotaRecords = Record<string, { QuotaCode?: string; Value?: number; [key: string]: unknown }>;

export interface ServiceQuotasFixtureOptions {
  /** Applied values (GetServiceQuota); a code missing here answers NoSuchResourceException. */
  applied?: QuotaRecords;
  /** AWS defaults (GetAWSDefaultServiceQuota); a code missing here answers NoSuchResourceException. */
  defaults?: QuotaRecords;
  /** Answer every call with this AWS error instead (e.g. `AccessDeniedException`: no permission). */
  error?: { status: number; code: string; message: string };
}

export interface ServiceQuotasFixture extends AsyncDisposable {
  /** Use as `AWS_ENDPOINT_URL_SERVICE_QUOTAS` (only Service Quotas goes here; EC2 stays on moto). */
  endpoint: string;
  /** `Operation QuotaCode` of every call, in order. */
  calls: string[];
  close(): Promise<void>;
}

/**
 * moto's Service Quotas knows only `vpc` quotas, so EC2's vCPU quotas are answered here, from
 * recorded response shapes (core's `quotas/fixtures/service-quotas.json`), in the AWS JSON 1.1
 * wire format the SDK speaks. A loopback server on a free port; `await using` closes it.
 */
export async function startServiceQuotasFixture(
  o: ServiceQuotasFixtureOptions,
): Promise<ServiceQuotasFixture> {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { QuotaCode?: string };
      calls.push(`${operation} ${body.QuotaCode ?? ''}`.trim());
      const table =
        operation === 'GetServiceQuota'
          ? o.applied
          : operation === 'GetAWSDefaultServiceQuota'
            ? o.defaults
            : undefined;
      const quota = body.QuotaCode === undefined ? undefined : table?.[body.QuotaCode];
      const error =
        o.error ??
        (quota
          ? undefined
          : {
              status: 400,
              code: 'NoSuchResourceException',
              message: 'The request failed because the specified service quota does not exist.',
            });
      const type = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'quota-fixture' };
      if (error) {
        res.writeHead(error.status, { ...type, 'x-amzn-errortype': error.code });
        res.end(JSON.stringify({ __type: error.code, message: error.message }));
        return;
      }
      res.writeHead(200, type);
      res.end(JSON.stringify({ Quota: quota }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { endpoint: `http://127.0.0.1:${port}`, calls, close, [Symbol.asyncDispose]: close };
}
