import { runtimeSettings } from '../shared/config/runtime';
import { configOnlyHttpFunction } from '../shared/http/middleware';
import { requestLanguage, requestTime } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { validate } from '../shared/http/validation';
import { uploadRequestSchema } from '../shared/schemas/upload-request';
import { startUpload } from '../shared/workflow/start-upload';

/** POST /uploads — a presigned S3 POST for one evidence file (证据材料). */
export const handler = configOnlyHttpFunction(
  'create-upload',
  async (event) => {
    const request = validate(uploadRequestSchema, event.parsedBody, requestLanguage(event));
    return json(201, await startUpload(runtimeSettings(), request, requestTime(event)));
  },
  { body: true },
);
