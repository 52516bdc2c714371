import type { EcxFile } from './types';

/**
 * Schneider Electric's License Activation Server: the web site that answers the request files of
 * servers without Internet access.
 */
export interface LicenseActivationServer {
  /** Answers an activation or return request file with its response file. */
  answerRequest(file: EcxFile): Promise<EcxFile>;
  /** Confirms that a returned license is gone from its server, which frees its seats. */
  confirmReturn(requestId: string): Promise<void>;
}
