/** The process's peak resident set size so far, in MB. */
export function peakRssMb(): number {
  // maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}
