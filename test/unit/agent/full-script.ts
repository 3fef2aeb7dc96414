// One scripted run of task 2.1 of the fixture's user-auth spec, for the fake model server: a
// decision and the edit it leads to, a command the headless run refuses, then completion.
import type { FakeTurn } from '../../support/fake-model-server';

export const FULL_SCRIPT: FakeTurn[] = [
  {
    text: 'I will record the approach first.',
    toolCalls: [
      {
        name: 'record_decision',
        arguments: JSON.stringify({
          title: 'One error for both failures',
          decision: 'Return "Email or password is wrong" for unknown email and wrong password',
          rationale: 'Do not reveal which accounts exist',
          alternatives: ['Distinct errors: leaks accounts'],
          requirements: ['1.2'],
        }),
      },
      {
        name: 'write_file',
        arguments: JSON.stringify({
          path: 'src/auth/sign-in.ts',
          content: "export const WRONG = 'Email or password is wrong';\n",
          rationale: 'The shared error message',
        }),
      },
    ],
  },
  {
    toolCalls: [
      { name: 'run_command', arguments: JSON.stringify({ command: 'npm test', rationale: 'Run the tests' }) },
    ],
  },
  {
    toolCalls: [
      { name: 'complete_task', arguments: JSON.stringify({ summary: 'Sign-in returns one error for both failures.' }) },
    ],
  },
];
