// /api/operators: accounts and roles (admin), one's own personal API tokens (any operator), and the
// well-known key set and revocation list every service reads.
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Req,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { jwtVerify } from 'jose';
import {
  ApiAnswer,
  ApiProblems,
  Conflict,
  NotFound,
  OPERATOR_AUDIENCE,
  OPERATOR_ISSUER,
  OPERATOR_KEYS_PATH,
  OPERATOR_REVOCATIONS_PATH,
  OperatorGuard,
  TOKEN_USES_PATH,
  assertOperator,
} from '@cocomo/platform';
import { OperatorAccounts } from './operator-accounts';
import {
  NewTokenAnswerDto,
  OperatorAnswerDto,
  OperatorListDto,
  RevokedTokenDto,
  TokenListDto,
} from './operator-answer.dto';
import { NewOperatorDto, NewTokenDto, OperatorChangeDto, TokenUsesDto } from './operator.dto';
import { operatorView, tokenView } from './operator-view';
import { OperatorRecord } from './operator-record';
import { OperatorSigning } from './operator-signing';
import { hashPassword } from './passwords';
import { SecondFactors } from './second-factor';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('operators')
@ApiBearerAuth()
@Controller()
export class OperatorsApiController {
  constructor(
    private readonly accounts: OperatorAccounts,
    private readonly signing: OperatorSigning,
    private readonly record: OperatorRecord,
    private readonly secondFactors: SecondFactors,
  ) {}

  @ApiExcludeEndpoint()
  @Get(OPERATOR_KEYS_PATH.slice(1))
  keys() {
    return this.signing.keySet();
  }

  @ApiExcludeEndpoint()
  @Get(OPERATOR_REVOCATIONS_PATH.slice(1))
  revocations() {
    return this.signing.revocations();
  }

  /** Other services report the personal API tokens they were shown; the tokens themselves prove the report. */
  @ApiExcludeEndpoint()
  @Post(TOKEN_USES_PATH.slice(1))
  @HttpCode(204)
  async tokenUses(@Body() body: TokenUsesDto): Promise<void> {
    const used: string[] = [];
    for (const token of body.tokens) {
      const verified = await jwtVerify(token, this.signing.key, {
        issuer: OPERATOR_ISSUER,
        audience: OPERATOR_AUDIENCE,
      }).catch(() => undefined);
      if (verified?.payload.kind === 'token' && verified.payload.jti) used.push(verified.payload.jti);
    }
    await this.accounts.markUsed(used);
  }

  @UseGuards(OperatorGuard)
  @Get('api/operators')
  @ApiAnswer(OperatorListDto)
  @ApiProblems(401, 403)
  async list() {
    return { items: (await this.accounts.list()).map(operatorView) };
  }

  @UseGuards(OperatorGuard)
  @Post('api/operators')
  @ApiAnswer(OperatorAnswerDto, 201, 'Created')
  @ApiProblems(400, 401, 403, 409)
  async create(@Body() body: NewOperatorDto, @Req() request: Request) {
    if (await this.accounts.byEmail(body.email)) throw new Conflict(`An operator with ${body.email} exists`);
    const passwordHash = await hashPassword(body.password);
    const id = await this.accounts.inTransaction(async () => {
      const made = await this.accounts.create({ ...body, passwordHash });
      await this.record.byRequest(request, 'operator-made', made);
      return made;
    });
    return operatorView((await this.accounts.byId(id))!);
  }

  /**
   * Roles, countries, disabled, and turning a second factor off: what the operator signed before no longer
   * counts, in every service.
   */
  @UseGuards(OperatorGuard)
  @Patch('api/operators/:id')
  @ApiAnswer(OperatorAnswerDto)
  @ApiProblems(400, 401, 403, 404)
  async change(@Param('id', uuid) id: string, @Body() body: OperatorChangeDto, @Req() request: Request) {
    const changed = await this.accounts.inTransaction(async () => {
      if (body.secondFactor === false) await this.secondFactors.remove(id);
      const account = await this.accounts.change(id, body);
      if (!account) throw new NotFound('Operator', id);
      await this.record.byRequest(request, 'operator-changed', id);
      return account;
    });
    this.signing.forget();
    return operatorView(changed);
  }

  @UseGuards(OperatorGuard)
  @Get('api/operators/me')
  @ApiAnswer(OperatorAnswerDto)
  @ApiProblems(401, 403, 404)
  async me(@Req() request: Request) {
    const account = await this.account(request);
    return operatorView(account);
  }

  @UseGuards(OperatorGuard)
  @Get('api/operators/me/tokens')
  @ApiAnswer(TokenListDto)
  @ApiProblems(401, 403, 404)
  async tokens(@Req() request: Request) {
    const account = await this.account(request);
    return { items: (await this.accounts.tokensOf(account.id)).map(tokenView) };
  }

  /** A personal API token for a script or Prometheus: the answer is the only time it is shown. */
  @UseGuards(OperatorGuard)
  @Post('api/operators/me/tokens')
  @ApiAnswer(NewTokenAnswerDto, 201, 'Created')
  @ApiProblems(400, 401, 403, 404)
  async makeToken(@Req() request: Request, @Body() body: NewTokenDto) {
    const account = await this.account(request);
    const token = await this.accounts.inTransaction(async () => {
      const made = await this.signing.token(account, body.name);
      await this.record.byRequest(request, 'token-made', made.jti);
      return made;
    });
    return { id: token.jti, name: body.name, token: token.jwt, expiresAt: token.expiresAt.toISOString() };
  }

  @UseGuards(OperatorGuard)
  @Delete('api/operators/me/tokens/:id')
  @ApiAnswer(RevokedTokenDto)
  @ApiProblems(400, 401, 403, 404)
  async revokeToken(@Req() request: Request, @Param('id', uuid) id: string) {
    const account = await this.account(request);
    await this.accounts.inTransaction(async () => {
      if (!(await this.accounts.revoke(id, account.id))) throw new NotFound('Token', id);
      await this.record.byRequest(request, 'token-revoked', id);
    });
    this.signing.forget();
    return { id, revoked: true as const };
  }

  private async account(request: Request) {
    const operator = assertOperator(request);
    const account = operator.kind === 'development' ? undefined : await this.accounts.byId(operator.id);
    if (!account) throw new NotFound('Operator account', operator.id);
    return account;
  }
}
