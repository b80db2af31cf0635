import {
  type PriceListServer,
  servePriceList,
} from '../../packages/core/src/pricing/fixtures/serve-price-list.ts';

/** What a live search talks to in the benchmarks: moto for EC2, the recorded price list for Pricing. */
export interface SearchBackends {
  /** moto's env plus AWS_ENDPOINT_URL_PRICING. */
  env: Record<string, string>;
  pricing: PriceListServer;
  close(): Promise<void>;
}

/**
 * moto has no Pricing API: without a GetProducts server every search's price call fails, a failed
 * call is never cached (by design), so each "warm" run asks again and loads the Pricing client and
 * the offline fallback (fan-out warm measured 786 ms with 6 calls that way). The local server
 * answers from the recorded multi-region price list, as AWS would.
 */
export async function useSearchBackends(motoEnv: Record<string, string>): Promise<SearchBackends> {
  const pricing = await servePriceList();
  return {
    env: { ...motoEnv, AWS_ENDPOINT_URL_PRICING: pricing.endpoint },
    pricing,
    close: () => pricing.close(),
  };
}
