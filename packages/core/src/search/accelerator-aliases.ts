/** Lower-case, no spaces or dashes: how accelerator names and queries are compared. */
export function normalizeModel(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * Marketing names people type → the normalised accelerator model strings EC2 reports. Only names
 * that differ from the model string need an entry; `h100`, `a10g`, `l4` match the data directly.
 */
export const ACCELERATOR_ALIASES: Readonly<Record<string, readonly string[]>> = {
  trainium: ['trainium', 'trainium2', 'trainium3'],
  trn: ['trainium', 'trainium2', 'trainium3'],
  inferentia: ['inferentia', 'inferentia2'],
  inf: ['inferentia', 'inferentia2'],
  t4: ['t4', 't4g'],
  gaudi: ['gaudihl205'],
  habana: ['gaudihl205'],
  v520: ['radeonprov520'],
  radeon: ['radeonprov520'],
  rtx6000: ['rtxproserver6000'],
  rtxpro: ['rtxproserver6000'],
  ai100: ['qualcommai100'],
  qualcomm: ['qualcommai100'],
  vu47p: ['virtexultrascale+(vu47p)'],
  xilinx: ['virtexultrascale+(vu47p)'],
};

/** The normalised model strings a query word stands for. */
export function acceleratorModelsFor(query: string): readonly string[] {
  const q = normalizeModel(query);
  return ACCELERATOR_ALIASES[q] ?? [q];
}
