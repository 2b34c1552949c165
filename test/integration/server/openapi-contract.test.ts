/**
 * The one contract: the OpenAPI document the hall server serves (GET /api/v1/openapi.json) is a
 * valid OpenAPI 3.1 document by an independent validator (@seriousme/openapi-schema-validator);
 * every operation declares a typed success answer (a JSON schema with properties, a download, an
 * event stream, or 204) and the error envelope for 4XX and 5XX; and the renderer's generated
 * types (renderer/shared/api/hall-api.generated.ts) are those of this document.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { apiTypesOf, GENERATED_TYPES } from '../../../scripts/gen-api-types.ts';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';

interface Schema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly properties?: Readonly<Record<string, unknown>>;
}
interface MediaType {
  readonly schema?: Schema;
}
interface Response {
  readonly description?: string;
  readonly content?: Readonly<Record<string, MediaType>>;
}
interface Operation {
  readonly operationId?: string;
  readonly responses?: Readonly<Record<string, Response>>;
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
}
interface Document {
  readonly openapi: string;
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components: { readonly schemas: Readonly<Record<string, Schema>>; readonly securitySchemes: Readonly<Record<string, unknown>> };
}

const METHODS = ['get', 'post', 'put', 'delete'] as const;
const ERROR_REF = '#/components/schemas/Error';

describe('the OpenAPI document', () => {
  let hall: TestHall;
  let doc: Document;
  let operations: { method: string; path: string; op: Operation }[];

  before(async () => {
    hall = await startTestHall();
    const res = await api(hall.url, 'GET', '/api/v1/openapi.json');
    assert.equal(res.status, 200);
    doc = res.json as Document;
    operations = Object.entries(doc.paths).flatMap(([path, item]) => METHODS.flatMap((method) => (item[method] ? [{ method, path, op: item[method] }] : [])));
  });
  after(() => hall.close());

  const resolve = (schema: Schema | undefined): Schema | undefined => {
    if (schema?.$ref === undefined) return schema;
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(doc.components.schemas[name]);
  };

  it('passes a real OpenAPI validator', async () => {
    const validator = new Validator();
    // A copy: the validator resolves references in place.
    const result = await validator.validate(JSON.parse(JSON.stringify(doc)));
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2)?.slice(0, 4000));
    assert.equal(validator.version, '3.1');
  });

  it('has the two security schemes, and every operation a unique operationId', () => {
    assert.deepEqual(Object.keys(doc.components.securitySchemes).toSorted(), ['deviceToken', 'staffSession']);
    assert.ok(operations.length >= 50, `${operations.length} operations`);
    const ids = operations.map((o) => o.op.operationId);
    assert.ok(
      ids.every((id) => typeof id === 'string' && id !== ''),
      'every operation has an operationId',
    );
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    for (const { op } of operations) {
      for (const requirement of op.security ?? []) {
        for (const scheme of Object.keys(requirement)) assert.ok(scheme in doc.components.securitySchemes, `${op.operationId}: ${scheme}`);
      }
    }
  });

  it('every operation declares a typed 2xx answer: a JSON schema with properties, a download, an event stream, or 204', () => {
    const untyped: string[] = [];
    for (const { method, path, op } of operations) {
      const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      assert.ok(success.length > 0, `${op.operationId} (${method} ${path}) has no 2xx response`);
      for (const [status, response] of success) {
        const content = Object.entries(response.content ?? {});
        if (status === '204') {
          assert.equal(content.length, 0, `${op.operationId}: 204 with a body`);
          continue;
        }
        assert.ok(content.length > 0, `${op.operationId}: ${status} declares no content`);
        for (const [type, media] of content) {
          const schema = resolve(media.schema);
          if (type === 'application/json') {
            const properties = Object.keys(schema?.properties ?? {});
            if (schema?.type !== 'object' || properties.length === 0) untyped.push(`${op.operationId} ${status}`);
          } else if (type === 'text/event-stream') {
            assert.equal(schema?.type, 'string', `${op.operationId}: the event stream is described`);
            assert.ok(response.description, `${op.operationId}: the event stream is described`);
          } else {
            assert.equal(schema?.format, 'binary', `${op.operationId}: ${type} is a described binary`);
          }
        }
      }
    }
    assert.deepEqual(untyped, [], 'JSON answers without a schema that has properties');
  });

  it('every operation answers its errors in the envelope { error: { code, message, details } } for 4XX and 5XX', () => {
    for (const { op } of operations) {
      for (const range of ['4XX', '5XX']) {
        const schema = op.responses?.[range]?.content?.['application/json']?.schema;
        assert.equal(schema?.$ref, ERROR_REF, `${op.operationId} ${range}`);
      }
    }
    const envelope = doc.components.schemas.Error as Schema & { properties: { error: Schema & { required: string[] } } };
    assert.deepEqual(envelope.properties.error.required, ['code', 'message', 'details']);
  });

  it('the renderer’s generated types are those of this document (npm run api:types)', async () => {
    const committed = readFileSync(GENERATED_TYPES, 'utf8');
    const fresh = await apiTypesOf(doc as never);
    assert.ok(committed === fresh, `${GENERATED_TYPES} is not current: run npm run api:types`);
  });
});
