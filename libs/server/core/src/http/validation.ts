import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { validationDetails } from '../errors/error-body';

/**
 * The one validation pipe: strips nothing silently (unknown fields are refused), converts query strings
 * to the declared types, and answers 400 with `{ field, reason }` for every failed constraint.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new BadRequestException({ message: 'Requête invalide.', details: validationDetails(errors) }),
  });
}
