// Turns the agent settings and the stored key into a ModelProvider, or into a problem a person can
// fix with one click (Set API Key, Open Settings). Also the "Tiller: Set API Key" command.
import * as vscode from 'vscode';
import { ModelError, type ModelErrorKind, type ModelProvider } from '../../core/agent/model';
import { createProvider } from '../../core/agent/providers';
import {
  DEFAULT_BASE_URL,
  KEYED_PROVIDERS,
  PROVIDER_NAMES,
  secretKey,
  type AgentSettings,
  type KeyedProvider,
} from './agent-settings';
import { LanguageModelProvider } from './lm-provider';

export const SET_API_KEY = 'Set API Key';
export const OPEN_SETTINGS = 'Open Settings';

/** Why no run could start, with the buttons that fix it. */
export class SetupProblem extends Error {
  constructor(
    message: string,
    readonly actions: string[],
  ) {
    super(message);
  }
}

export async function createModelProvider(
  settings: AgentSettings,
  secrets: vscode.SecretStorage,
): Promise<ModelProvider> {
  if (settings.provider === 'vscode-lm') return languageModel(settings.model, settings.requestTimeoutMs);
  const provider = settings.provider;
  const baseUrl = settings.baseUrl || DEFAULT_BASE_URL[provider];
  const apiKey = (await secrets.get(secretKey(provider)))?.trim() || undefined;
  // A local server (Ollama, LM Studio) needs no key; the public endpoints always do.
  if (!apiKey && baseUrl === DEFAULT_BASE_URL[provider]) {
    throw new SetupProblem(
      `Tiller: no API key is set for ${PROVIDER_NAMES[provider]} (${baseUrl}). Set one, or choose another provider in tiller.agent.provider.`,
      [SET_API_KEY, OPEN_SETTINGS],
    );
  }
  if (!settings.model)
    throw new SetupProblem(
      `Tiller: no model is configured for ${PROVIDER_NAMES[provider]}: set tiller.agent.model (e.g. ${provider === 'openai' ? 'gpt-4.1' : 'claude-sonnet-4-5'}).`,
      [OPEN_SETTINGS],
    );
  try {
    return createProvider({
      provider,
      baseUrl,
      model: settings.model,
      apiKey,
      apiKeySource: `VS Code's secret storage (the ${PROVIDER_NAMES[provider]} key set with "Tiller: Set API Key")`,
      timeoutMs: settings.requestTimeoutMs,
      contextTokens: settings.contextTokens,
    });
  } catch (err) {
    if (err instanceof ModelError) throw new SetupProblem(`Tiller: ${err.message}`, [OPEN_SETTINGS]);
    throw err;
  }
}

async function languageModel(wanted: string, timeoutMs: number): Promise<ModelProvider> {
  const models = await vscode.lm.selectChatModels();
  if (!models.length) {
    throw new SetupProblem(
      'Tiller: no agent model is configured. VS Code offers no language model here (install one, e.g. GitHub Copilot Chat), or set tiller.agent.provider to openai or anthropic and store a key with "Tiller: Set API Key".',
      [OPEN_SETTINGS, SET_API_KEY],
    );
  }
  if (!wanted) return new LanguageModelProvider(models[0], timeoutMs);
  const match =
    models.find((m) => m.id === wanted || `${m.vendor}/${m.id}` === wanted) ??
    models.find((m) => m.family === wanted || `${m.vendor}/${m.family}` === wanted);
  if (!match) {
    throw new SetupProblem(
      `Tiller: VS Code has no language model "${wanted}" (tiller.agent.model). Available: ${models.map((m) => `${m.vendor}/${m.id}`).join(', ')}.`,
      [OPEN_SETTINGS],
    );
  }
  return new LanguageModelProvider(match, timeoutMs);
}

/** Buttons that fix a failed run, by the kind of model error. */
export function fixesFor(kind: ModelErrorKind | string | undefined): string[] {
  if (kind === 'auth') return [SET_API_KEY, OPEN_SETTINGS];
  if (kind === 'not-found' || kind === 'connection' || kind === 'bad-request') return [OPEN_SETTINGS];
  return [];
}

export async function runFix(action: string | undefined): Promise<void> {
  if (action === SET_API_KEY) await vscode.commands.executeCommand('tiller.setApiKey');
  else if (action === OPEN_SETTINGS)
    await vscode.commands.executeCommand('workbench.action.openSettings', 'tiller.agent');
}

/**
 * `tiller.setApiKey [provider] [key]`: without arguments, asks which provider and the key
 * (password input). An empty key removes the stored one. Returns true when something was stored.
 */
export async function setApiKey(
  secrets: vscode.SecretStorage,
  settings: AgentSettings,
  given?: unknown,
  givenKey?: unknown,
): Promise<boolean> {
  let provider = KEYED_PROVIDERS.find((p) => p === given);
  if (!provider) {
    const current = settings.provider === 'vscode-lm' ? undefined : settings.provider;
    const picked = await vscode.window.showQuickPick(
      KEYED_PROVIDERS.map((p) => ({
        label: PROVIDER_NAMES[p],
        description: p === current ? 'the provider in use' : undefined,
        provider: p as KeyedProvider,
      })).sort((a) => (a.provider === current ? -1 : 0)),
      { title: 'Tiller: API key for which provider?' },
    );
    if (!picked) return false;
    provider = picked.provider;
  }
  const key =
    typeof givenKey === 'string'
      ? givenKey
      : await vscode.window.showInputBox({
          title: `Tiller: ${PROVIDER_NAMES[provider]} API key`,
          prompt:
            'Kept in VS Code’s secret storage (the OS keychain), never in settings. Leave empty to remove the stored key.',
          password: true,
          ignoreFocusOut: true,
        });
  if (key === undefined) return false;
  if (!key.trim()) {
    await secrets.delete(secretKey(provider));
    if (typeof givenKey !== 'string')
      void vscode.window.showInformationMessage(`Tiller: the ${PROVIDER_NAMES[provider]} API key was removed.`);
    return false;
  }
  await secrets.store(secretKey(provider), key.trim());
  if (typeof givenKey !== 'string')
    void vscode.window.showInformationMessage(`Tiller: the ${PROVIDER_NAMES[provider]} API key is stored.`);
  return true;
}
