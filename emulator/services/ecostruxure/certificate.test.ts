import { expect, test } from 'vitest';
import type { EntitlementContext } from '../../../models/ecostruxure/entitlement.machine';
import { Problem } from '../../kernel/problems';
import { certificateFile, parseCertificate } from './certificate';

const ENTITLEMENT: EntitlementContext = {
  entitlementId: '7KQ2-M9XD-43TA-P0LB',
  soldTo: 'Campus <North> & Sons',
  email: 'facilities@campus.example',
  issuedAt: '2026-01-05T09:00:00.000Z',
  products: [
    {
      activationId: 'A1B2-C3D4-E5F6-G7H8-J9K0',
      name: 'EBO SmartDriver pack',
      features: [
        { code: 'smartdriver', seats: 3 },
        { code: 'mqtt', seats: 1 },
      ],
    },
    { activationId: 'Z9Y8-X7W6-V5U4-T3S2-R1Q0', name: 'Edge analytics', features: [{ code: 'timescaledb', seats: 2 }] },
  ],
};

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof Problem) return error.field;
    throw error;
  }
  throw new Error('expected the certificate to be refused');
}

const html = certificateFile(ENTITLEMENT).content;

test('a generated certificate reads back to the same entitlement, escaped text included', () => {
  const file = certificateFile(ENTITLEMENT);
  expect(file.fileName).toBe('Entitlement_7KQ2-M9XD-43TA-P0LB.html');
  expect(file.content).toContain('Campus &lt;North&gt; &amp; Sons');
  expect(parseCertificate(file.content, 'certificateFile')).toEqual({
    entitlementId: ENTITLEMENT.entitlementId,
    soldTo: ENTITLEMENT.soldTo,
    products: ENTITLEMENT.products,
  });
});

test('a file that is not HTML is refused as the whole content', () => {
  expect(fieldOf(() => parseCertificate('Entitlement ID: 7KQ2-M9XD-43TA-P0LB', 'certificateFile'))).toBe('certificateFile.content');
  expect(fieldOf(() => parseCertificate(undefined, 'certificateFile'))).toBe('certificateFile.content');
});

test('a certificate without a valid entitlement ID is refused naming that field', () => {
  expect(fieldOf(() => parseCertificate(html.replace(/<dd data-field="entitlementId">[^<]*<\/dd>/, ''), 'certificateFile'))).toBe(
    'certificateFile.entitlementId',
  );
  expect(fieldOf(() => parseCertificate(html.replace('7KQ2-M9XD-43TA-P0LB</dd>', 'not-an-id</dd>'), 'certificateFile'))).toBe('certificateFile.entitlementId');
});

test('a certificate with no license rows is refused naming the rows', () => {
  expect(fieldOf(() => parseCertificate(html.replace(/<tr data-field="license">[\s\S]*?<\/tr>/g, ''), 'certificateFile'))).toBe('certificateFile.rows');
});

test('a bad cell is refused naming its row and column', () => {
  expect(fieldOf(() => parseCertificate(html.replace('<td data-field="seats">2</td>', '<td data-field="seats">two</td>'), 'certificateFile'))).toBe(
    'certificateFile.rows[2].seats',
  );
  expect(fieldOf(() => parseCertificate(html.replace('data-code="mqtt">MQTT', 'data-code="bacnet-gateway">BACnet gateway'), 'certificateFile'))).toBe(
    'certificateFile.rows[1].feature',
  );
  expect(fieldOf(() => parseCertificate(html.replace('A1B2-C3D4-E5F6-G7H8-J9K0</td>', 'A1B2</td>'), 'certificateFile'))).toBe(
    'certificateFile.rows[0].activationId',
  );
});
