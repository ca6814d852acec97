import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@academie/server-identity';
import { CertificateService } from '../certificate/certificate.service';
import { NotificationService } from '../notification/notification.service';

/**
 * What the certification context holds about a person: their certificates (with the name printed on them and the
 * signed credential, which carries a salted hash of their e-mail) and their notifications. On erasure the
 * certificates stay valid — the completions happened — but their verification page and PDF print ERASED_NAME_TEXT,
 * the credential is deleted, and the notifications go.
 */
@Injectable()
export class CertificationPersonalData implements OnModuleInit {
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly certificates: CertificateService,
    private readonly notifications: NotificationService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      context: 'certification',
      describe:
        'Vos certificats (cours, version, durée, date, nom imprimé, code de vérification) et vos notifications. À l’effacement, vos certificats restent valides mais ne portent plus votre nom ; leur justificatif numérique et vos notifications sont supprimés.',
      export: async (userId, manager) => ({
        certificates: await this.certificates.exportFor(userId, manager),
        notifications: await this.notifications.exportFor(userId, manager),
      }),
      erase: async (userId, manager) => {
        await this.certificates.eraseFor(userId, manager);
        await this.notifications.eraseFor(userId, manager);
      },
    });
  }
}
