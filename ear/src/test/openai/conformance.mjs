// Drives Tributary's OpenAI-compatible /v1 with the official openai client, as any application would.
// Run by OpenAiClientIT with TRIBUTARY_BASE_URL (…/v1), TRIBUTARY_KEY (an organization's API key) and
// TRIBUTARY_MODEL (a model that key may use). Prints one JSON line per check; exits 1 on the first failure.
// With TRIBUTARY_LIMITED=1 it checks only the rate limit: the organization is limited to one request a minute,
// so the second request gets a 429 and the client's own retry (after retry-after-ms) must get through.
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const baseURL = process.env.TRIBUTARY_BASE_URL;
const apiKey = process.env.TRIBUTARY_KEY;
const model = process.env.TRIBUTARY_MODEL;

function report(check, details = {}) {
  console.log(JSON.stringify({ check, ok: true, ...details }));
}

async function refused(promise, type) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof type, `expected ${type.name}, got ${e?.constructor?.name}: ${e?.message}`);
    return e;
  }
  assert.fail(`expected ${type.name}, the request succeeded`);
}

async function conformance() {
  const client = new OpenAI({ apiKey, baseURL, maxRetries: 0 });

  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  assert.ok(ids.includes(model), `models.list lacks ${model}: ${ids}`);
  const one = await client.models.retrieve(model);
  assert.equal(one.id, model);
  assert.equal(one.object, 'model');
  report('models', { count: ids.length });

  const question = [{ role: 'user', content: 'How many legs does a spider have?' }];
  const chat = await client.chat.completions.create({ model, messages: question, max_tokens: 8, temperature: 0 });
  assert.equal(chat.object, 'chat.completion');
  assert.equal(chat.choices[0].message.role, 'assistant');
  assert.ok(['stop', 'length'].includes(chat.choices[0].finish_reason));
  assert.equal(chat.usage.total_tokens, chat.usage.prompt_tokens + chat.usage.completion_tokens);
  assert.ok(chat.usage.completion_tokens <= 8);
  report('chat', { usage: chat.usage });

  const stream = await client.chat.completions.create({
    model, messages: question, max_tokens: 8, temperature: 0, stream: true, stream_options: { include_usage: true },
  });
  let text = '';
  let usage = null;
  let finish = null;
  for await (const chunk of stream) {
    if (chunk.usage) usage = chunk.usage;
    for (const c of chunk.choices) {
      text += c.delta?.content ?? '';
      finish = c.finish_reason ?? finish;
    }
  }
  assert.equal(text, chat.choices[0].message.content, 'greedy streaming gives the same text');
  assert.deepEqual(usage, chat.usage);
  assert.equal(finish, chat.choices[0].finish_reason);
  report('stream', { usage });

  const completion = await client.completions.create({ model, prompt: 'The sky is', max_tokens: 4, temperature: 0 });
  assert.equal(completion.object, 'text_completion');
  assert.equal(typeof completion.choices[0].text, 'string');
  assert.ok(completion.usage.completion_tokens <= 4);
  report('completion', { usage: completion.usage });

  const unauthenticated = new OpenAI({ apiKey: 'trb_not-a-key', baseURL, maxRetries: 0 });
  const e401 = await refused(unauthenticated.models.list(), OpenAI.AuthenticationError);
  assert.equal(e401.status, 401);
  assert.equal(e401.code, 'invalid_api_key');
  report('401');

  const e404 = await refused(
    client.chat.completions.create({ model: 'acme/no-such-model', messages: question }), OpenAI.NotFoundError);
  assert.equal(e404.code, 'model_not_found');
  report('404');

  const e400 = await refused(
    client.chat.completions.create({ model, messages: question, temperature: 3 }), OpenAI.BadRequestError);
  assert.equal(e400.param, 'temperature');
  report('400', { message: e400.message });
}

async function rateLimit() {
  let attempts = 0;
  const counting = (url, init) => {
    attempts++;
    return fetch(url, init);
  };
  const noRetry = new OpenAI({ apiKey, baseURL, maxRetries: 0 });
  const ask = (client) => client.chat.completions.create({
    model, messages: [{ role: 'user', content: 'Hi' }], max_tokens: 1, temperature: 0,
  });
  // The organization may send one request a minute: after at most one answer, the next is refused.
  let e429 = null;
  for (let i = 0; i < 2 && !e429; i++) {
    try {
      await ask(noRetry);
    } catch (e) {
      e429 = e;
    }
  }
  assert.ok(e429 instanceof OpenAI.RateLimitError, `expected a 429, got ${e429}`);
  assert.ok(Number(e429.headers.get('retry-after-ms')) > 0);
  report('429', { retryAfterMs: Number(e429.headers.get('retry-after-ms')) });

  const retrying = new OpenAI({ apiKey, baseURL, maxRetries: 3, fetch: counting, timeout: 180_000 });
  const answer = await ask(retrying);
  assert.equal(answer.object, 'chat.completion');
  assert.ok(attempts >= 2, `the client retried (${attempts} attempts)`);
  report('429-retried', { attempts });
}

try {
  if (process.env.TRIBUTARY_LIMITED === '1') await rateLimit();
  else await conformance();
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e?.stack ?? e) }));
  process.exit(1);
}
