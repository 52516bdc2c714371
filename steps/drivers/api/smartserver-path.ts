/** Each SmartServer serves its CMS and REST paths under its install code. */
export function smartServerPath(installCode: string): string {
  return `/smartservers/${encodeURIComponent(installCode)}`;
}
