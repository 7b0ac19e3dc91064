import { registerDecorator, type ValidationArguments } from 'class-validator';
import { passwordProblems, type PasswordRule } from '@hub/domain';

const RULES: PasswordRule[] = ['minLength', 'maxLength', 'distinctCharacters', 'notCommon', 'notEmail'];

/**
 * The domain's password policy as class-validator constraints, one per rule, so a 400 names the field and each
 * rule it breaks (`{field: 'password', rule: 'notCommon'}`). `emailProperty` names the sibling field holding the
 * account's e-mail, when the body has one.
 */
export function PasswordPolicy(emailProperty?: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    for (const rule of RULES) {
      const problemOf = (args: ValidationArguments) => {
        const email = emailProperty ? (args.object as Record<string, unknown>)[emailProperty] : undefined;
        return passwordProblems(String(args.value), typeof email === 'string' ? email : undefined).find((p) => p.rule === rule);
      };
      registerDecorator({
        name: rule,
        target: target.constructor,
        propertyName: String(propertyName),
        validator: {
          // Not a string: @IsString reports it; the policy has nothing to say.
          validate: (value: unknown, args: ValidationArguments) => typeof value !== 'string' || !problemOf(args),
          defaultMessage: (args: ValidationArguments) => (problemOf(args)?.message ?? '').replace(/^password/, String(propertyName)),
        },
      });
    }
  };
}
