import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth/auth';
import { Layout } from './components/layout';
import { I18nProvider } from './i18n/i18n';
import { HomePage } from './pages/home-page';
import { LoginPage } from './pages/login-page';
import { PasswordPage } from './pages/password-page';
import { SignupPage } from './pages/signup-page';
import { FEATURE_ROUTES } from './routes';

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
            <Route element={<Layout />}>
              <Route path="/" element={<HomePage />} />
              <Route path="/login" element={<LoginPage />} />
              <Route path="/signup" element={<SignupPage />} />
              <Route path="/account/password" element={<PasswordPage />} />
              {FEATURE_ROUTES.map((r) => (
                <Route key={r.path} path={r.path} element={r.element} />
              ))}
            </Route>
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
