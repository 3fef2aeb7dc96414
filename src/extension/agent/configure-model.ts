// "Tiller: Configure Model" and "Tiller: Test Model Connection": one quick pick of the models VS
// Code offers, OpenAI-compatible endpoints (with presets) and Anthropic; the URL, model name and
// key asked only where they apply; then a tiny request that proves the setup works, or says what to
// fix. The walkthrough's "test the connection" step completes on the context key set on success.
import * as vscode from 'vscode';
import { ModelError } from '../../core/agent/model';
import { DEFAULT_BASE_URL, PROVIDER_NAMES, readAgentSettings, secretKey, type KeyedProvider } from './agent-settings';
import { createModelProvider, OPEN_SETTINGS, SET_API_KEY, SetupProblem, runFix } from './model-setup';

export const CONNECTED_CONTEXT = 'tiller.modelConnected';

interface Endpoint {
  label: string;
  provider: KeyedProvider;
  baseUrl: string;
  /** Local servers take no key; a key may still be given. */
  needsKey: boolean;
  modelHint: string;
}

export const ENDPOINTS: readonly Endpoint[] = [
  { label: 'OpenAI', provider: 'openai', baseUrl: DEFAULT_BASE_URL.openai, needsKey: true, modelHint: 'gpt-4.1' },
  {
    label: 'OpenRouter',
    provider: 'openai',
    baseUrl: 'https://openrouter.ai/api/v1',
    needsKey: true,
    modelHint: 'anthropic/claude-sonnet-4.5',
  },
  { label: 'Ollama', provider: 'openai', baseUrl: 'http://localhost:11434/v1', needsKey: false, modelHint: 'qwen3' },
  { label: 'LM Studio', provider: 'openai', baseUrl: 'http://localhost:1234/v1', needsKey: false, modelHint: '' },
  { label: 'vLLM', provider: 'openai', baseUrl: 'http://localhost:8000/v1', needsKey: false, modelHint: '' },
  {
    label: 'Anthropic',
    provider: 'anthropic',
    baseUrl: DEFAULT_BASE_URL.anthropic,
    needsKey: true,
    modelHint: 'claude-sonnet-4-5',
  },
];

type Choice =
  | (vscode.QuickPickItem & { kind?: undefined; lm: vscode.LanguageModelChat })
  | (vscode.QuickPickItem & { kind?: undefined; endpoint: Endpoint })
  | (vscode.QuickPickItem & { kind?: undefined; otherUrl: true })
  | (vscode.QuickPickItem & { kind: vscode.QuickPickItemKind.Separator });

/** Asks for a model and stores the settings and key; then tests the connection. False when cancelled. */
export async function configureModel(secrets: vscode.SecretStorage): Promise<boolean> {
  const models = await vscode.lm.selectChatModels().then(
    (m) => m,
    () => [],
  );
  const separator = (label: string): Choice => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const items: Choice[] = [
    separator(PROVIDER_NAMES['vscode-lm']),
    ...models.map((lm) => ({ label: lm.name, description: `${lm.vendor}/${lm.id}`, detail: 'No key needed', lm })),
    separator('Your own endpoint'),
    ...ENDPOINTS.map((endpoint) => ({
      label: endpoint.label,
      description: endpoint.baseUrl,
      detail: endpoint.needsKey ? 'Needs an API key' : 'A local server; no key needed',
      endpoint,
    })),
    { label: 'Another OpenAI-compatible URL…', otherUrl: true as const },
  ];
  if (!models.length)
    items.splice(1, 0, {
      label: 'VS Code offers no language model here',
      description: '(e.g. install Copilot Chat)',
      otherUrl: true as const,
    });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Tiller: which model runs tasks?',
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!picked || picked.kind === vscode.QuickPickItemKind.Separator) return false;
  const config = vscode.workspace.getConfiguration('tiller.agent');
  const global = vscode.ConfigurationTarget.Global;
  if ('lm' in picked) {
    await config.update('provider', 'vscode-lm', global);
    await config.update('model', `${picked.lm.vendor}/${picked.lm.id}`, global);
    await config.update('baseUrl', undefined, global);
    return testConnection(secrets);
  }
  const endpoint: Endpoint =
    'endpoint' in picked
      ? picked.endpoint
      : { label: 'OpenAI-compatible', provider: 'openai', baseUrl: '', needsKey: false, modelHint: '' };
  const baseUrl = await vscode.window.showInputBox({
    title: `Tiller: ${endpoint.label} endpoint`,
    prompt: endpoint.provider === 'openai' ? 'Everything before /chat/completions.' : 'The origin before /v1/messages.',
    value: endpoint.baseUrl,
    placeHolder: 'http://localhost:8000/v1',
    ignoreFocusOut: true,
    validateInput: (value) => (/^https?:\/\/\S+$/.test(value.trim()) ? undefined : 'An http:// or https:// URL'),
  });
  if (baseUrl === undefined) return false;
  const current = readAgentSettings();
  const model = await vscode.window.showInputBox({
    title: `Tiller: ${endpoint.label} model`,
    prompt: 'The model name the endpoint knows.',
    value: current.provider === endpoint.provider && current.model ? current.model : endpoint.modelHint,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'A model name'),
  });
  if (model === undefined) return false;
  const stored = await secrets.get(secretKey(endpoint.provider));
  const key = await vscode.window.showInputBox({
    title: `Tiller: ${endpoint.label} API key`,
    prompt: `${stored ? 'Empty keeps the key already stored. ' : endpoint.needsKey ? '' : 'Empty: none. '}Kept in VS Code’s secret storage, never in settings.`,
    password: true,
    ignoreFocusOut: true,
  });
  if (key === undefined) return false;
  const url = baseUrl.trim().replace(/\/+$/, '');
  await config.update('provider', endpoint.provider, global);
  await config.update('baseUrl', url === DEFAULT_BASE_URL[endpoint.provider] ? undefined : url, global);
  await config.update('model', model.trim(), global);
  if (key.trim()) await secrets.store(secretKey(endpoint.provider), key.trim());
  return testConnection(secrets);
}

/** Sends one tiny request to the configured model; says what answered, or what to fix. */
export async function testConnection(secrets: vscode.SecretStorage): Promise<boolean> {
  const settings = readAgentSettings();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Tiller: testing the model connection…' },
    async () => {
      try {
        const provider = await createModelProvider(settings, secrets);
        const response = await provider.chat({
          messages: [{ role: 'user', content: 'Reply with the single word: ready' }],
          tools: [],
          maxOutputTokens: 16,
          signal: AbortSignal.timeout(60_000),
        });
        const where =
          settings.provider === 'vscode-lm'
            ? PROVIDER_NAMES['vscode-lm']
            : settings.baseUrl || DEFAULT_BASE_URL[settings.provider];
        return {
          ok: true as const,
          message: `Tiller: ${provider.model} at ${where} answered (${response.usage.inputTokens} tokens in, ${response.usage.outputTokens} out). Ready to run tasks.`,
        };
      } catch (err) {
        return { ok: false as const, ...explain(err) };
      }
    },
  );
  await vscode.commands.executeCommand('setContext', CONNECTED_CONTEXT, result.ok);
  if (result.ok) {
    void vscode.window.showInformationMessage(result.message);
    return true;
  }
  void vscode.window
    .showErrorMessage(result.message, ...result.actions, 'Configure Model')
    .then((action) =>
      action === 'Configure Model' ? vscode.commands.executeCommand('tiller.configureModel') : runFix(action),
    );
  return false;
}

/** What went wrong, and the buttons that fix it. */
export function explain(err: unknown): { message: string; actions: string[] } {
  if (err instanceof SetupProblem) return { message: err.message, actions: err.actions };
  if (err instanceof ModelError) {
    const fix: Record<string, [string, string[]]> = {
      auth: ['The endpoint refused the key: store the right one with "Tiller: Set API Key".', [SET_API_KEY]],
      'not-found': [
        'The URL or the model name is wrong: check tiller.agent.baseUrl and tiller.agent.model.',
        [OPEN_SETTINGS],
      ],
      connection: [
        'Nothing answered: is the server running and the URL (tiller.agent.baseUrl) right?',
        [OPEN_SETTINGS],
      ],
      timeout: ['No answer within a minute: is the server overloaded or the URL right?', [OPEN_SETTINGS]],
      'rate-limit': ['The endpoint is rate-limiting this key; try again later or check your plan.', []],
      'bad-request': ['The endpoint rejected the request: check the model name (tiller.agent.model).', [OPEN_SETTINGS]],
    };
    const [hint, actions] = fix[err.kind] ?? ['', []];
    return { message: `Tiller: the model connection failed. ${err.message}${hint ? ` ${hint}` : ''}`, actions };
  }
  return {
    message: `Tiller: the model connection failed: ${err instanceof Error ? err.message : String(err)}`,
    actions: [],
  };
}

export function registerModelCommands(secrets: vscode.SecretStorage): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('tiller.configureModel', () => configureModel(secrets)),
    vscode.commands.registerCommand('tiller.testModelConnection', () => testConnection(secrets)),
  );
}
