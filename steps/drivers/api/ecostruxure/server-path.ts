/** Device Administrator's paths for one EcoStruxure BMS server. */
export function serverPath(serverId: string): string {
  return `/ecostruxure/api/servers/${encodeURIComponent(serverId)}`;
}
